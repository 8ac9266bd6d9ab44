import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ProductionOrdersRead } from '@drawback/persistence';
import { Access, READ } from '../access/access.decorator';
import { Caller, CurrentCaller } from '../access/caller.decorator';
import { ApiError } from '../http/api-error';
import { parsePage } from '../http/page-query';
import { ErrorDto } from '../openapi/common.dto';
import { ProductionOrderDetailDto, ProductionOrderPageDto } from '../openapi/production-orders.dto';

@ApiTags('production-orders')
@ApiBearerAuth()
@Controller('production-orders')
export class ProductionOrdersController {
  constructor(@Inject(ProductionOrdersRead) private readonly orders: ProductionOrdersRead) {}

  @Get()
  @Access(READ)
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1-500, default 50' })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  @ApiOkResponse({ type: ProductionOrderPageDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED: limit or offset out of range, every bad one listed' })
  list(@CurrentCaller() caller: Caller, @Query('limit') limit?: string, @Query('offset') offset?: string): Promise<ProductionOrderPageDto> {
    return this.orders.list(parsePage(limit, offset), caller.claimants);
  }

  @Get(':orderId')
  @Access(READ)
  @ApiOkResponse({ type: ProductionOrderDetailDto, description: 'The inputs (lots and heats) and the one output' })
  @ApiNotFoundResponse({ type: ErrorDto })
  async find(@Param('orderId') orderId: string, @CurrentCaller() caller: Caller): Promise<ProductionOrderDetailDto> {
    const order = await this.orders.find(orderId, caller.claimants);
    if (!order) throw ApiError.notFound('production order', orderId);
    return order;
  }
}
